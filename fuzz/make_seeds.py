#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the hand-made seed inputs of fuzz/corpus/{es9,es9_asn1,es2,pki} from testdata/.

Usage: fuzz/make_seeds.py [TESTDATA_DIR]. Run once; the committed corpora are these
seeds plus what the fuzzers found, minimised with -merge=1 (FUZZING.md). Input layouts
are those documented at the top of each fuzz/<target>_fuzz.cc."""
import base64
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
testdata = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "testdata")


def read(path):
    with open(os.path.join(testdata, path), "rb") as f:
        return f.read()


def write(target, name, data):
    d = os.path.join(here, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def tlv(tag, value):
    t = tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    else:
        raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(raw)]) + raw
    return t + length + value


def b64(data):
    return base64.b64encode(data).decode()


def es9():
    for curve in ("nist", "brp"):
        s = f"generated/session_{curve}"
        v = json.loads(read(f"{s}/session.json"))
        tid = v["transactionId"]
        bodies = {
            0: {"euiccChallenge": b64(bytes.fromhex(v["euiccChallenge"])),
                "euiccInfo1": b64(read(f"{s}/euiccInfo1.der")), "smdpAddress": v["serverAddress"]},
            1: {"transactionId": tid,
                "authenticateServerResponse": b64(read(f"{s}/authenticateServerResponse.der"))},
            2: {"transactionId": tid,
                "prepareDownloadResponse": b64(read(f"{s}/prepareDownloadResponse.der"))},
            3: {"pendingNotification": b64(read(f"{s}/profileInstallationResult.der"))},
        }
        # CancelSessionResponse BF41 { A0 { 30 {80 tid, 81 oid, 82 reason} 5F37 sig } }.
        signed = tlv(0x30, tlv(0x80, bytes.fromhex(tid)) + tlv(0x81, bytes([0x88, 0x37, 0x0A]))
                     + tlv(0x82, b"\x00"))
        cancel = tlv(0xBF41, tlv(0xA0, signed + tlv(0x5F37, bytes(64))))
        bodies[4] = {"transactionId": tid, "cancelSessionResponse": b64(cancel)}
        for sel, body in bodies.items():
            header = {"header": {"functionRequesterIdentifier": "lpa", "functionCallIdentifier": "1"}}
            write("es9", f"{curve}_json{sel}", bytes([sel]) + json.dumps({**header, **body}).encode())
        ders = {5: "euiccInfo1.der", 6: "authenticateServerResponse.der",
                7: "prepareDownloadResponse.der", 8: "profileInstallationResult.der"}
        for sel, f in ders.items():
            write("es9", f"{curve}_der{sel}", bytes([sel]) + read(f"{s}/{f}"))
        write("es9", f"{curve}_der9", bytes([9]) + cancel)
    write("es9", "der9_error", bytes([9]) + tlv(0xBF41, tlv(0x81, b"\x05")))
    write("es9", "b64", bytes([10]) + b"AAEC/w==")


def es9_asn1():
    """RemoteProfileProvisioningRequest (A2) bodies of the ASN.1 binding (SGP.22 §6.6)."""
    for curve in ("nist", "brp"):
        s = f"generated/session_{curve}"
        v = json.loads(read(f"{s}/session.json"))
        tid = bytes.fromhex(v["transactionId"])
        for name in ("initiateAuthenticationRequest", "authenticateClientRequest",
                     "getBoundProfilePackageRequest"):
            write("es9_asn1", f"{curve}_{name}", tlv(0xA2, read(f"{s}/{name}.der")))
        pir = read(f"{s}/profileInstallationResult.der")
        write("es9_asn1", f"{curve}_handleNotification", tlv(0xA2, tlv(0xBF3D, tlv(0xA0, pir))))
        signed = tlv(0x30, tlv(0x80, tid) + tlv(0x81, bytes([0x88, 0x37, 0x0A])) + tlv(0x82, b"\x01"))
        cancel = tlv(0xA1, tlv(0xA0, signed + tlv(0x5F37, bytes(64))))
        write("es9_asn1", f"{curve}_cancelSession", tlv(0xA2, tlv(0xBF41, tlv(0x80, tid) + cancel)))
    write("es9_asn1", "cancel_error", tlv(0xA2, tlv(0xBF41, tlv(0x80, b"\x01") + tlv(0xA1, tlv(0x81, b"\x05")))))
    write("es9_asn1", "empty_envelope", tlv(0xA2, b""))


def es2():
    # Selector byte (function) then the JSON body; see es2_fuzz.cc.
    iccid = "89499900000000000100"
    eid = "89049032123451234512345678901235"
    header = {"functionRequesterIdentifier": "mno", "functionCallIdentifier": "c1"}
    bodies = [
        (0, {"profileType": "gtp"}),
        (0, {"iccid": iccid, "eid": eid}),
        (0, {"iccid": iccid, "profileType": "gtp"}),
        (1, {"iccid": iccid, "eid": eid, "matchingId": "ABC-123", "confirmationCode": "1234",
             "smdsAddress": "smds.example.com", "releaseFlag": True}),
        (1, {"iccid": iccid, "releaseFlag": False}),
        (2, {"iccid": iccid, "eid": eid, "matchingId": "ABC-123",
             "finalProfileStatusIndicator": "Available"}),
        (3, {"iccid": iccid + "F"}),
    ]
    for i, (sel, body) in enumerate(bodies):
        write("es2", f"seed{i}_fn{sel}", bytes([sel]) + json.dumps({"header": header, **body}).encode())
    # Chains: order, confirm, then release or cancel (calls separated by newlines).
    chains = {
        "chain_release": [(0, {"iccid": iccid}), (1, {"iccid": iccid, "releaseFlag": False}),
                          (3, {"iccid": iccid})],
        "chain_confirm_code": [(0, {"profileType": "gtp", "eid": eid}),
                               (1, {"iccid": iccid, "eid": eid, "confirmationCode": "SECRET-CODE-7",
                                    "releaseFlag": True})],
        "chain_cancel": [(0, {"iccid": iccid}), (1, {"iccid": iccid, "releaseFlag": True}),
                         (2, {"iccid": iccid, "finalProfileStatusIndicator": "Unavailable"})],
        "unknown": [(4, {})],
    }
    for name, calls in chains.items():
        write("es2", name, b"\n".join(bytes([sel]) + json.dumps(body).encode() for sel, body in calls))


def pki():
    # Flags byte, 2-byte big-endian EUM length, EUM DER, eUICC DER; see pki_fuzz.cc.
    euicc = read("certs/eUICC/CERT_EUICC_ECDSA_NIST.der")
    cases = {
        "ok": ("certs/EUM/CERT_EUM_ECDSA_NIST.der", "certs/eUICC/CERT_EUICC_ECDSA_NIST.der"),
        "eum_expired": ("certs/invalid/CERT_EUM_ECDSA_NIST_EXPIRED.der", None),
        "eum_invalid": ("certs/invalid/CERT_EUM_ECDSA_NIST_INVALID.der", None),
        "eum_unknown_ci": ("certs/invalid/CERT_EUM_ECDSA_NIST_UNKNOWN_CI.der", None),
        "euicc_expired": (None, "certs/invalid/CERT_EUICC_ECDSA_NIST_EXPIRED.der"),
        "euicc_invalid": (None, "certs/invalid/CERT_EUICC_ECDSA_NIST_INVALID.der"),
        "euicc_eid": (None, "certs/invalid/CERT_EUICC_ECDSA_NIST_INVALID_EID.der"),
        "euicc_unmatched": (None, "certs/invalid/CERT_EUICC_ECDSA_NIST_UNMATCHED_EID.der"),
    }
    eum_default = "certs/EUM/CERT_EUM_ECDSA_NIST.der"
    for name, (eum_path, euicc_path) in cases.items():
        eum = read(eum_path or eum_default)
        cert = read(euicc_path) if euicc_path else euicc
        for flags in (0, 3):
            write("pki", f"{name}_f{flags}", bytes([flags]) + len(eum).to_bytes(2, "big") + eum + cert)
    eum_brp = read("certs/EUM/CERT_EUM_ECDSA_BRP.der")
    write("pki", "brp", b"\x00" + len(eum_brp).to_bytes(2, "big") + eum_brp
          + read("certs/eUICC/CERT_EUICC_ECDSA_BRP.der"))


es9()
es9_asn1()
es2()
pki()
