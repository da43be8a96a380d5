from __future__ import annotations

import base64
import hashlib

from generator.csp import add_policy, policy_for


def test_inline_scripts_are_allowed_by_hash_and_json_blocks_are_not_scripts() -> None:
    page = (
        "<html><head><script>var a=1;</script>"
        '<script src="x.js"></script><script type="application/json">{"a":1}</script>'
        '<script type="application/ld+json">{}</script></head></html>'
    )
    digest = base64.b64encode(hashlib.sha256(b"var a=1;").digest()).decode()
    policy = policy_for(page)
    assert f"'sha256-{digest}'" in policy
    assert policy.count("sha256-") == 1
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert add_policy(page).startswith('<html><head>\n<meta http-equiv="Content-Security-Policy" content="')
