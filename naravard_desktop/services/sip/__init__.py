"""SIP follow-up counts: periods, indicator sets, rules, analysis, disclosure control."""
