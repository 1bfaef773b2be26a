"""What a volunteer may offer: the choices of the sign-up form and of Volunteer's fields."""

INTERESTS = [
    ("sorting", "垃圾分类宣传"),
    ("river", "河道保洁"),
    ("greening", "绿化养护"),
    ("monitoring", "环境监督"),
    ("education", "环保宣讲"),
    ("events", "大型活动服务"),
]
AVAILABILITY = [
    ("weekday", "工作日白天"),
    ("evening", "工作日晚上"),
    ("weekend", "双休日"),
    ("holiday", "节假日"),
]
