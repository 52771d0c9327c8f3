#!/usr/bin/env python3
"""What Python's own email package reads in each message named on the command line, as one JSON object
{path: {"subject", "headers", "bodies": [{"type", "text"}], "attachments": [names]}} on standard output.

A body is an inline text part (no file name, not marked as an attachment), decoded with its charset
(errors replaced); every part with a file name is an attachment. The other side of EmlParser's tests."""
import email
import email.header
import email.policy
import json
import sys


def text_of(part):
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or "us-ascii"
    try:
        return payload.decode(charset, "replace")
    except LookupError:
        return payload.decode("latin-1")


def read(path):
    with open(path, "rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.compat32)
    subject = message.get("subject")
    if subject is not None:
        subject = str(email.header.make_header(email.header.decode_header(subject)))
    bodies, names = [], []
    for part in message.walk():
        name = part.get_filename()
        if name is not None:
            names.append(str(email.header.make_header(email.header.decode_header(name))))
        if part.is_multipart():
            continue
        if part.get_content_maintype() == "text" and name is None and part.get_content_disposition() != "attachment":
            bodies.append({"type": part.get_content_type(), "text": text_of(part)})
    return {"subject": subject, "headers": [key.lower() for key in message.keys()], "bodies": bodies, "attachments": names}


if __name__ == "__main__":
    json.dump({path: read(path) for path in sys.argv[1:]}, sys.stdout)
