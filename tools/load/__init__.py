"""`make load`: both apps under a mixed workload on their production servers; see __main__."""
