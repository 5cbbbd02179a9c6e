#!/usr/bin/python3
"""Signs SigV4 cases with botocore, the reference implementation (Debian python3-botocore).

Usage: botocore_sigv4.py CASES.json            one result per line, in input order:
                                               header signing -> the Authorization header,
                                               presigning -> the query string of the URL
       botocore_sigv4.py --bench CASES.json    signs every case (header signing) and prints
                                               "<count> <seconds>", timing only the signing

CASES.json is a list of objects written by tests/support/sigv4_requests.h. The clock is fixed
per case by replacing botocore.auth's datetime module.
"""
import datetime
import json
import sys
import time
import types

try:
    import botocore.auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError as e:  # the caller turns this into a failed test with this message
    sys.stderr.write(f"botocore is not importable by {sys.executable}: {e}; "
                     "install it with scripts/setup.sh (Debian package python3-botocore)\n")
    sys.exit(3)

_now = datetime.datetime(2000, 1, 1)


class _FixedDateTime(datetime.datetime):
    @classmethod
    def utcnow(cls):
        return _now


botocore.auth.datetime = types.SimpleNamespace(datetime=_FixedDateTime)


def make(case):
    """(signer, request) for one case; nothing is signed yet."""
    creds = Credentials(case["access_key"], case["secret_key"], case["token"] or None)
    s3 = case["service"] == "s3"
    if case["presign"]:
        cls = botocore.auth.S3SigV4QueryAuth if s3 else botocore.auth.SigV4QueryAuth
        signer = cls(creds, case["service"], case["region"], expires=case["expires"])
    else:
        cls = botocore.auth.S3SigV4Auth if s3 else botocore.auth.SigV4Auth
        signer = cls(creds, case["service"], case["region"])
    request = AWSRequest(method=case["method"], url=case["url"],
                         data=bytes.fromhex(case["body_hex"]),
                         params=[tuple(p) for p in case["params"]])
    for name, value in case["headers"]:
        request.headers[name] = value  # HTTPHeaders appends: repeated names are kept
    if case["unsigned_payload"]:
        if s3:
            request.context["client_config"] = types.SimpleNamespace(
                s3={"payload_signing_enabled": False})
        else:
            request.context["payload_signing_enabled"] = False
    return signer, request


def clock_of(case):
    return datetime.datetime.utcfromtimestamp(case["time"])


def set_clock(now):
    global _now
    _now = now


def result(case, request):
    if case["presign"]:
        return request.url.split("?", 1)[1]
    return request.headers["Authorization"]


def main(argv):
    bench = argv[1:2] == ["--bench"]
    path = argv[2] if bench else argv[1]
    with open(path, encoding="utf-8") as f:
        cases = json.load(f)
    if not bench:
        for case in cases:
            signer, request = make(case)
            set_clock(clock_of(case))
            signer.add_auth(request)
            print(json.dumps(result(case, request)))
        return 0
    # Build requests in chunks outside the timed region, time only add_auth.
    elapsed = 0.0
    chunk = 5000
    for start in range(0, len(cases), chunk):
        batch = [(clock_of(case), *make(case)) for case in cases[start:start + chunk]]
        t0 = time.perf_counter()
        for now, signer, request in batch:
            set_clock(now)
            signer.add_auth(request)
        elapsed += time.perf_counter() - t0
    print(len(cases), elapsed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
