"""Strength gap."""
