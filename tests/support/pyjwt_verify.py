#!/usr/bin/python3
"""Verifies RS256 JWTs with PyJWT (the reference implementation for the GCP auth tests).

Usage: pyjwt_verify.py CASES.json
CASES.json: [{"token": ..., "public_key_pem": ..., "audience": ...}, ...]
Prints one JSON line per case: {"ok": true, "header": {...}, "claims": {...}} or
{"ok": false, "error": "..."}. Exits 2 when PyJWT (Debian python3-jwt) cannot be imported,
so the calling test fails instead of skipping.
"""
import json
import sys

try:
    import jwt  # PyJWT
except ImportError as e:  # pragma: no cover
    print("cannot import PyJWT (install the Debian package python3-jwt): %s" % e, file=sys.stderr)
    sys.exit(2)


def main():
    with open(sys.argv[1]) as f:
        cases = json.load(f)
    for case in cases:
        try:
            claims = jwt.decode(
                case["token"],
                case["public_key_pem"],
                algorithms=["RS256"],
                audience=case["audience"],
                # iat/exp are checked by the C++ test against its own clock; the generated
                # claim sets include dates far from now on purpose.
                options={"verify_exp": False, "verify_iat": False, "verify_nbf": False},
            )
            header = jwt.get_unverified_header(case["token"])
            print(json.dumps({"ok": True, "header": header, "claims": claims}))
        except Exception as e:  # report every failure as data, one line per case
            print(json.dumps({"ok": False, "error": "%s: %s" % (type(e).__name__, e)}))


if __name__ == "__main__":
    main()
