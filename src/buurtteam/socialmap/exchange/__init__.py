"""Open Referral HSDS 3.0 import and export of the sociale kaart (see docs/hsds.md)."""
