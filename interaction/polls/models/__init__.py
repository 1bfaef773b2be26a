"""The models of polls. The order matters: ballots.py imports no other module of this app; pages.py
(the poll pages, which serve their own routes) comes last and imports the rules, which take their
models from ballots.py and their choices from choices.py."""

from .ballots import AddressCount, Ballot, BallotChoice
from .pages import OptionBlock, PollIndexPage, PollPage, QuestionBlock

__all__ = ["AddressCount", "Ballot", "BallotChoice", "OptionBlock", "PollIndexPage", "PollPage", "QuestionBlock"]
