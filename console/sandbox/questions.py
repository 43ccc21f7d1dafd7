"""What followers of a county government account actually ask, for a believable demo inbox.

Sentences are written the way people type into WeChat — colloquial, sometimes without punctuation —
so the console's search, triage and reply templates are exercised on realistic text.
"""

QUESTIONS: list[str] = [
    "你好，我的社保卡丢了，补办需要带什么材料？",
    "社保卡补办要多久才能拿到新卡",
    "请问在外地看病的医保报销怎么办理？需要先备案吗",
    "住院费用医保能报销多少比例？我是城乡居民医保",
    "我想把户口从老家迁到县城，需要准备哪些材料？",
    "户口迁移可以网上办理吗，还是必须本人到派出所",
    "政务服务中心周六上班吗？",
    "请问办事大厅中午休息吗，几点开始下午办公",
    "公积金怎么提取？我准备买房付首付",
    "离职以后公积金账户怎么办，可以全部取出来吗",
    "租房可以提取公积金吗，一年能取几次",
    "不动产登记证办下来要几个工作日？",
    "二手房过户需要买卖双方都到场吗",
    "房产证上想加上配偶的名字，怎么办理",
    "居住证怎么申请？我在这边上班快半年了",
    "居住证到期了怎么续签，需要带什么",
    "孩子刚出生，新生儿落户需要哪些材料？",
    "新生儿上户口有时间限制吗，超过多久要罚款",
    "我是灵活就业人员，怎么参加养老保险？",
    "灵活就业社保每个月交多少钱，可以在手机上交吗",
    "退休金资格认证在哪里做？老人行动不便能不能上门",
    "养老金认证每年都要做吗，忘了认证会停发吗",
    "办护照需要预约吗？去哪里办",
    "港澳通行证续签可以在自助机上办吗",
    "孩子打疫苗要去哪个社区卫生服务中心，需要预约吗",
    "成人可以在这里打流感疫苗吗，多少钱",
    "身份证快过期了，可以异地换领吗",
    "营业执照怎么办理？个体户需要哪些材料",
    "个体工商户年报在哪里填，截止时间是什么时候",
    "失业金怎么申领，每个月能领多少",
    "高龄补贴怎么申请？我父亲今年八十岁了",
    "残疾证办理流程是怎样的，要去医院鉴定吗",
    "低保申请需要什么条件",
    "结婚登记需要提前预约吗，要带户口本吗",
    "孩子上小学报名需要房产证还是居住证就可以",
    "医保卡里的钱可以给家里人用吗",
    "城乡居民医保今年什么时候开始缴费，交多少",
    "驾驶证到期换证在哪里体检",
    "请问老旧小区改造我们小区什么时候能轮到",
    "你们的电话一直打不通，有没有别的办法咨询",
    "提交的材料审核多久有结果？网上显示一直在受理中",
]

NICKNAMES: list[str] = [
    "张女士",
    "李师傅",
    "王同学",
    "刘阿姨",
    "陈先生",
    "杨大爷",
    "赵老师",
    "黄女士",
    "周师傅",
    "吴先生",
    "徐阿姨",
    "孙同学",
    "马大姐",
    "朱先生",
    "胡女士",
    "郭老师",
    "林小姐",
    "何大爷",
    "高先生",
    "罗阿姨",
]

# What people send besides typed questions. Each scene is the non-text message plus the words the
# follower types right after it, the way residents actually report things: photo first, then text.

# Photos of something broken in town, with the message that comes after the picture.
PHOTO_REPORTS: list[str] = [
    "人民路和建设路路口的路灯坏了好几天了，晚上特别黑，照片发给你们了",
    "我们小区门口的井盖不见了，太危险了，麻烦尽快处理",
    "学校门口的红绿灯不亮了，早上接送孩子很乱，拍了照片",
    "河堤边的护栏断了一截，经常有小孩在那玩，请派人看看",
    "这是办事大厅门口贴的通知，上面写的时间和你们公众号说的不一样",
    "菜市场旁边垃圾堆了好几天没人清运，味道很大",
]

# (latitude, longitude, label) of places followers send when asking the way.
PLACES: list[tuple[float, float, str]] = [
    (34.329512, 108.708971, "某县人民路128号"),
    (34.335870, 108.721356, "某县汽车站"),
    (34.318204, 108.699415, "某县第二人民医院"),
    (34.342731, 108.690128, "某县城关镇幸福小区"),
]
LOCATION_QUESTIONS: list[str] = [
    "我现在在这个位置，离我最近的政务服务中心怎么走？",
    "我在这儿，附近有能办社保卡的网点吗",
    "发了个位置，这附近哪里可以做老年人养老金认证",
]

# (title, description, url) of articles followers forward, and what they ask about them.
SHARED_LINKS: list[tuple[str, str, str]] = [
    (
        "关于城乡居民医保集中缴费的通知",
        "缴费时间、缴费标准及缴费渠道",
        "https://mp.weixin.qq.com/s/Yb2kQxN7cYq0MZsW3nR1fA",
    ),
    (
        "紧急通知：社保卡全部要换新卡，逾期作废！",
        "请转告家人，尽快到银行网点办理",
        "https://mp.weixin.qq.com/s/p8LrVh2T0xKc6aUe9JdQ4g",
    ),
    (
        "2024年高龄津贴发放标准调整",
        "80周岁以上老人每月补贴提高",
        "https://mp.weixin.qq.com/s/3HnFv9WqZk1sTcP7oLbX2w",
    ),
]
LINK_QUESTIONS: list[str] = [
    "这个通知是真的吗？家族群里都在转",
    "请问这个是咱们县的政策吗",
    "看到这篇文章，想问一下具体去哪里办",
]

# What a follower types after a voice note (the note itself says the question).
AFTER_VOICE: list[str] = [
    "我不太会打字，发了段语音，麻烦看一下",
    "刚才语音说的就是这个事，麻烦回复一下",
]

# Menu buttons (EventKey) a follower taps before asking.
MENU_KEYS: list[str] = ["MENU_GUIDE", "MENU_HOURS", "MENU_CONTACT"]
