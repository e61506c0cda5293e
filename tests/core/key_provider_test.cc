// SPDX-License-Identifier: Apache-2.0
// FileKeyProvider: keys created 0600 in a 0700 directory, never replaced, and refused
// when readable by others, of the wrong size, a symbolic link or badly named.
#include "core/key_provider.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace smdp::core {
namespace {

namespace fs = std::filesystem;

class KeyProviderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "smdp-keys-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    root_ = tmpl;
    dir_ = (root_ / "keys").string();
  }
  void TearDown() override { fs::remove_all(root_); }

  mode_t mode_of(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0);
    return st.st_mode & 0777;
  }

  fs::path root_;
  std::string dir_;
};

TEST_F(KeyProviderTest, when_created_then_key_is_32_random_octets_in_private_files) {
  FileKeyProvider keys(dir_);
  ASSERT_TRUE(keys.create(kSubscriptionsKey, crypto::system_rng()));
  EXPECT_EQ(mode_of(dir_), 0700u);
  EXPECT_EQ(mode_of(dir_ + "/subscriptions.key"), 0600u);
  auto a = keys.key(kSubscriptionsKey);
  ASSERT_TRUE(a) << a.error().message();
  EXPECT_EQ(a->size(), kDataKeySize);
  EXPECT_NE(*a, Bytes(32, 0));
  ASSERT_TRUE(keys.create("other", crypto::system_rng()));
  auto b = FileKeyProvider(dir_).key("other");
  ASSERT_TRUE(b);
  EXPECT_NE(*a, *b);
}

TEST_F(KeyProviderTest, when_key_exists_then_create_refuses_and_keeps_it) {
  FileKeyProvider keys(dir_);
  ASSERT_TRUE(keys.create(kSubscriptionsKey, crypto::system_rng()));
  auto before = keys.key(kSubscriptionsKey);
  auto again = keys.create(kSubscriptionsKey, crypto::system_rng());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, KeyErrc::already_exists);
  auto after = keys.key(kSubscriptionsKey);
  ASSERT_TRUE(before && after);
  EXPECT_EQ(*after, *before);
}

TEST_F(KeyProviderTest, when_key_or_directory_missing_then_not_found) {
  auto no_dir = FileKeyProvider(dir_).key(kSubscriptionsKey);
  ASSERT_FALSE(no_dir);
  EXPECT_EQ(no_dir.error().code, KeyErrc::not_found);
  ASSERT_EQ(::mkdir(dir_.c_str(), 0700), 0);
  auto no_file = FileKeyProvider(dir_).key(kSubscriptionsKey);
  ASSERT_FALSE(no_file);
  EXPECT_EQ(no_file.error().code, KeyErrc::not_found);
}

TEST_F(KeyProviderTest, when_file_or_directory_open_to_others_then_insecure) {
  FileKeyProvider keys(dir_);
  ASSERT_TRUE(keys.create(kSubscriptionsKey, crypto::system_rng()));
  const std::string file = dir_ + "/subscriptions.key";
  ASSERT_EQ(::chmod(file.c_str(), 0640), 0);
  auto r = keys.key(kSubscriptionsKey);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, KeyErrc::insecure);
  ASSERT_EQ(::chmod(file.c_str(), 0604), 0);
  EXPECT_FALSE(keys.key(kSubscriptionsKey));
  ASSERT_EQ(::chmod(file.c_str(), 0600), 0);
  ASSERT_TRUE(keys.key(kSubscriptionsKey));
  ASSERT_EQ(::chmod(dir_.c_str(), 0755), 0);
  auto d = keys.key(kSubscriptionsKey);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, KeyErrc::insecure);
  auto c = keys.create("new", crypto::system_rng());
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, KeyErrc::insecure);
}

TEST_F(KeyProviderTest, when_file_has_wrong_size_or_is_a_link_then_invalid) {
  ASSERT_EQ(::mkdir(dir_.c_str(), 0700), 0);
  const std::string file = dir_ + "/short.key";
  {
    std::ofstream out(file, std::ios::binary);
    out << std::string(31, 'k');
  }
  ASSERT_EQ(::chmod(file.c_str(), 0600), 0);
  auto r = FileKeyProvider(dir_).key("short");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, KeyErrc::invalid);
  EXPECT_EQ(r.error().message().find("kkkk"), std::string::npos);

  FileKeyProvider keys(dir_);
  ASSERT_TRUE(keys.create("real", crypto::system_rng()));
  fs::create_symlink(dir_ + "/real.key", dir_ + "/link.key");
  auto link = keys.key("link");
  ASSERT_FALSE(link);
  EXPECT_EQ(link.error().code, KeyErrc::invalid);
}

TEST_F(KeyProviderTest, when_name_is_not_a_plain_name_then_invalid) {
  FileKeyProvider keys(dir_);
  for (const char* name : {"", "../x", "a/b", "..", "with space"}) {
    auto c = keys.create(name, crypto::system_rng());
    ASSERT_FALSE(c) << name;
    EXPECT_EQ(c.error().code, KeyErrc::invalid) << name;
    EXPECT_FALSE(keys.key(name)) << name;
  }
  EXPECT_TRUE(valid_key_name("subscriptions-2026.v1_a"));
}

}  // namespace
}  // namespace smdp::core
