from wagtail import hooks

from .swap import SWAP_ACTION


@hooks.register("register_log_actions")
def register_swap_action(actions):
    """Page-type swaps (columns/swap.py) appear in page history as 更换页面类型."""
    actions.register_action(SWAP_ACTION, "更换页面类型", "更换页面类型")
