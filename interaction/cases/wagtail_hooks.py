from wagtail import hooks

from .workflow import TRANSITIONS


@hooks.register("register_log_actions")
def register_case_log_actions(actions):
    """Every state change of a case is written to Wagtail's audit log under these names."""
    actions.register_action("cases.submit", "提交办件", "来信人提交")
    for name, (_sources, _requirement, label) in TRANSITIONS.items():
        actions.register_action(f"cases.{name}", label, label)
    actions.register_action("cases.complete", "补正", "申请人补正")
    actions.register_action("cases.rate", "评价", "来信人评价答复")
    actions.register_action("cases.merged_duplicate", "并入重复件", "并入重复件")
    actions.register_action("cases.view_personal_data", "查看个人信息", "查看来信人完整个人信息")
