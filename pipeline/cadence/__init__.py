"""Cadence: is every team publishing on its rhythm?"""
