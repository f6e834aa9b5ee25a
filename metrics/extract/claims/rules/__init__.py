"""One module per family of claim rules; registry.py runs them in their order of priority."""
