"""Unit tests of the defaults proposed to a user."""
import unittest

from ..rules.defaults import single_choice


class TestSingleChoice(unittest.TestCase):

    def test_only_an_obvious_choice_is_proposed(self):
        self.assertEqual(single_choice(['charte A']), 'charte A')
        self.assertIsNone(single_choice([]))
        self.assertIsNone(single_choice(['charte A', 'charte B']))
        self.assertEqual(single_choice(iter(['charte A'])), 'charte A')
