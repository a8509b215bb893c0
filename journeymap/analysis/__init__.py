"""Analysing a valid journey: flows, hand-offs, matrices, reachability and headline numbers (analyse),
and the CX-practice checks W101-W114 (checks).
"""
