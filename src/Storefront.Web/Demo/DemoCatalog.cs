using Storefront.Core.Organisations;
using Storefront.Core.Suppliers;

namespace Storefront.Web.Demo;

/// <summary>
/// The demo's suppliers, listings and organisations: real designated counties of Hunan and their well-known produce,
/// at plausible canteen prices (fen). Names of suppliers and organisations are made up; credit codes are generated
/// with valid check characters.
/// </summary>
internal static class DemoCatalog
{
    /// <summary>A demo supplier; a pending one waits in the admins' verification queue and has no listings.</summary>
    internal sealed record SupplierSeed(string Key, string Name, SupplierKind Kind, string County, string Address, string Contact, string Phone, string FarmerLink, int Households, bool Pending = false);

    internal sealed record ListingSeed(string Supplier, string Category, string Title, string Unit, string Spec, long PriceFen, int Moq, int Stock, int LeadDays, string Photo, string Description, string? Certification = null, bool SingleTier = false);

    internal sealed record OrganisationSeed(string Key, string Name, OrganisationType Type, string Region, string? CompetentUnit, long? ThresholdFen, string Canteen);

    public static readonly SupplierSeed[] Suppliers =
    [
        new("yongshun", "永顺县松柏莓茶专业合作社", SupplierKind.Cooperative, "433127", "永顺县松柏镇松柏村3组", "彭秀英", "0743-5281306", "合作社统一收购社员鲜叶，保底价加二次分红，带动脱贫户务工。", 326),
        new("fenghuang", "凤凰县禾库猕猴桃种植专业合作社", SupplierKind.Cooperative, "433123", "凤凰县禾库镇禾库村", "龙国华", "0743-3650218", "土地入股、务工收入、保底分红三重联结。", 214),
        new("baojing", "保靖县黄金茶业有限公司", SupplierKind.LeadingEnterprise, "433125", "保靖县迁陵镇茶园路18号", "向春梅", "0743-7721055", "公司+合作社+农户订单收购，茶园管护优先聘用脱贫户。", 1180),
        new("shibadong", "花垣县十八洞村农产品专业合作社", SupplierKind.Cooperative, "433124", "花垣县双龙镇十八洞村", "施金通", "0743-7260088", "村集体经济入股，收益按户分红。", 136),
        new("guzhang", "古丈县毛尖茶叶专业合作社", SupplierKind.Cooperative, "433126", "古丈县默戎镇龙鼻村", "张梅香", "0743-4621379", "茶叶采摘季吸纳脱贫劳动力，按斤计酬。", 268),
        new("longshan", "龙山县百合产业开发有限公司", SupplierKind.LeadingEnterprise, "433130", "龙山县石羔街道百合产业园", "彭志强", "0743-6281906", "订单种植百合，保护价收购并提供种苗与技术。", 890),
        new("luxi", "泸溪县浦市椪柑专业合作社", SupplierKind.Cooperative, "433122", "泸溪县浦市镇铁山村", "李金凤", "0743-4260517", "统一品牌统一销售，社员按交售量分红。", 305),
        new("sangzhi", "桑植县白茶蜂业专业合作社", SupplierKind.Cooperative, "430822", "桑植县洪家关白族乡", "钟海燕", "0744-6221708", "蜂箱托管、茶园入股，年底按股分红。", 177),
        new("anhua", "安化县黑茶产业有限公司", SupplierKind.LeadingEnterprise, "430923", "安化县东坪镇黑茶大道66号", "刘建新", "0737-7222615", "茶园基地带动脱贫户务工，鲜叶保底收购。", 1520),
        new("mayang", "麻阳苗族自治县冰糖橙种植专业合作社", SupplierKind.Cooperative, "431226", "麻阳县高村镇", "滕永红", "0745-5821346", "统一农资、统一技术、统一销售，溢价部分返还社员。", 412),
        new("xinhuang", "新晃侗族自治县黄牛养殖专业合作社", SupplierKind.Cooperative, "431227", "新晃县波洲镇", "杨胜利", "0745-6231078", "牛犊托养、按出栏分红。", 198),
        new("xupu", "溆浦县雪峰山米业有限公司", SupplierKind.LeadingEnterprise, "431224", "溆浦县卢峰镇工业园", "舒建平", "0745-3321560", "优质稻订单收购，每斤高于市场价0.1元。", 2360),
        new("shaoyang", "邵阳县茶油产业有限公司", SupplierKind.LeadingEnterprise, "430523", "邵阳县塘渡口镇茶油产业园", "刘丽华", "0739-6822103", "油茶林托管与鲜果收购，带动林农增收。", 3100),
        new("chengbu", "城步苗族自治县南山家庭农场", SupplierKind.FamilyFarm, "430529", "城步县南山镇", "蓝德成", "0739-7330215", "雇用周边脱贫户放牧与采收。", 36),
        new("pingjiang", "平江县酱干食品有限公司", SupplierKind.CountyTradingCompany, "430626", "平江县三市镇食品工业园", "李卫东", "0730-6213370", "大豆订单种植，车间优先安排脱贫劳动力。", 640),
        new("yanling", "炎陵县黄桃专业合作社", SupplierKind.Cooperative, "430225", "炎陵县中村瑶族乡", "罗桂英", "0731-26221540", "统一分拣冷链销售，按等级结算返还社员。", 288),
        new("dongkou", "洞口县雪峰山粮油专业合作社", SupplierKind.Cooperative, "430525", "洞口县高沙镇", "曾海军", "0739-7520336", "稻谷油菜订单种植，收益二次分配。", 455),
        new("rucheng", "汝城县蔬菜产销专业合作社", SupplierKind.Cooperative, "431026", "汝城县热水镇", "朱小平", "0735-8321006", "供粤港澳大湾区蔬菜基地，脱贫户种植保底收购。", 520),
        new("jingzhou", "靖州县木洞杨梅专业合作社", SupplierKind.Cooperative, "431229", "靖州县坳上镇木洞村", "储小燕", "0745-8221377", "杨梅统一采摘冷链销售，脱贫户按交售量结算并参与年底分红。", 168, Pending: true),
    ];

    public static readonly ListingSeed[] Listings =
    [
        // 大米 rice
        new("xupu", "rice", "溆浦有机香米 10kg", "袋", "10kg/袋", 9800, 10, 2000, 3, "rice-bag", "雪峰山区单季稻，有机认证，米粒细长，蒸煮清香。", "HN-2021-0100231"),
        new("xupu", "rice", "溆浦大米 25kg 食堂装", "袋", "25kg/袋", 16500, 20, 3000, 3, "rice-bag", "食堂专供规格，当季新米，编织袋包装。"),
        new("xupu", "rice", "溆浦富硒大米 5kg", "袋", "5kg/袋", 5900, 10, 1500, 3, "rice", "富硒土壤种植，真空包装，适合职工福利。"),
        new("dongkou", "rice", "洞口香米 散装 按公斤", "kg", "散装 按公斤计", 520, 100, 50000, 2, "rice", "洞口县高沙镇稻田，当年新米，按公斤称重配送，适合学校食堂大宗采购。"),
        new("dongkou", "rice", "洞口香米 15kg", "袋", "15kg/袋", 10800, 10, 2400, 2, "rice-bag", "长粒香型大米，软糯适中。"),
        new("dongkou", "rice", "雪峰山红米 2.5kg", "袋", "2.5kg/袋", 4200, 20, 800, 3, "rice", "高山红米，营养丰富，宜煮粥。"),
        new("dongkou", "rice", "洞口糙米 5kg 食堂装", "袋", "5kg/袋", 4600, 10, 900, 3, "rice", "保留胚芽的糙米，粗细搭配。"),
        new("shibadong", "rice", "十八洞村山泉米 5kg", "袋", "5kg/袋", 6800, 10, 1200, 3, "rice-bag", "十八洞村梯田山泉水灌溉，一年一季。", "HN-2020-0043310"),
        new("chengbu", "rice", "城步高山贡米 5kg", "袋", "5kg/袋", 7200, 10, 600, 4, "rice", "海拔八百米高山稻田，昼夜温差大。"),
        new("longshan", "rice", "龙山糯米 2.5kg", "袋", "2.5kg/袋", 3900, 20, 1000, 3, "rice", "本地糯稻，适合包粽子、做糍粑。"),
        // 食用油 oils
        new("shaoyang", "oils", "邵阳茶油 冷榨山茶油 5L", "桶", "5L/桶", 72000, 5, 600, 5, "oil-camellia", "百年油茶林鲜果冷榨，酸价低，烟点高。", "HN-2021-0220017"),
        new("shaoyang", "oils", "邵阳山茶油 1L 礼盒", "盒", "1L/盒", 16800, 10, 900, 5, "oil-camellia", "单瓶礼盒装，适合工会慰问。"),
        new("shaoyang", "oils", "邵阳县压榨菜籽油 5L", "桶", "5L/桶", 8800, 10, 1500, 4, "oil", "物理压榨，非转基因油菜籽。"),
        new("shaoyang", "oils", "压榨菜籽油 20L 食堂桶", "桶", "20L/桶", 32000, 5, 400, 4, "oil", "食堂大桶装，压榨一级。"),
        new("dongkou", "oils", "洞口压榨菜籽油 5L", "桶", "5L/桶", 8500, 10, 800, 3, "oil", "合作社自榨，浓香型。"),
        new("dongkou", "oils", "洞口茶籽油 2.5L", "桶", "2.5L/桶", 38000, 5, 300, 4, "oil-camellia", "雪峰山野生油茶籽压榨。"),
        new("xupu", "oils", "溆浦山茶油 500ml", "瓶", "500ml/瓶", 9800, 10, 1000, 3, "oil-camellia", "小瓶装山茶油，便于分发。"),
        new("longshan", "oils", "龙山野生山茶油 2L", "桶", "2L/桶", 29800, 5, 260, 4, "oil-camellia", "武陵山区野生油茶果，古法压榨。"),
        // 茶叶 tea
        new("yongshun", "tea", "永顺莓茶 250g", "盒", "250g/盒", 6800, 10, 1200, 2, "tea-berry", "永顺高山野生莓茶嫩芽，富含黄酮，回甘清爽。", "HN-2020-0001234"),
        new("yongshun", "tea", "永顺莓茶 芽尖 100g", "罐", "100g/罐", 5800, 10, 800, 2, "tea-berry", "只取一芽一叶，罐装密封。"),
        new("yongshun", "tea", "永顺莓茶 袋泡茶 30包", "盒", "30包/盒", 3900, 20, 1500, 2, "tea-berry", "独立袋泡，会议茶歇方便。"),
        new("yongshun", "tea", "永顺莓茶 500g 散装", "袋", "500g/袋", 9800, 10, 600, 2, "tea-berry", "散装经济规格，适合食堂茶水间。"),
        new("baojing", "tea", "保靖黄金茶 明前特级 100g", "盒", "100g/盒", 16800, 5, 400, 3, "tea-green", "保靖黄金茶明前采摘，氨基酸含量高，鲜爽。", "HN-2019-0310552"),
        new("baojing", "tea", "保靖黄金茶 一级 250g", "盒", "250g/盒", 12800, 10, 700, 3, "tea-green", "一级绿茶，汤色黄绿明亮。"),
        new("baojing", "tea", "保靖黄金茶 红茶 200g", "盒", "200g/盒", 8800, 10, 500, 3, "tea-black", "黄金茶种制红茶，甜润。"),
        new("guzhang", "tea", "古丈毛尖 特级 100g", "罐", "100g/罐", 13800, 5, 500, 3, "tea-green", "国家地理标志产品，条索紧细，白毫显露。", "HN-2020-0118906"),
        new("guzhang", "tea", "古丈毛尖 一级 250g", "袋", "250g/袋", 9800, 10, 900, 3, "tea-green", "一级毛尖，经济实惠。"),
        new("guzhang", "tea", "古丈红茶 250g", "盒", "250g/盒", 7800, 10, 600, 3, "tea-black", "高山茶园夏秋茶制作。"),
        new("anhua", "tea", "安化黑茶 天尖 500g", "篓", "500g/篓", 19800, 5, 300, 4, "tea-black", "传统篾篓包装，陈香醇厚。", "HN-2018-0090017"),
        new("anhua", "tea", "安化茯砖茶 1kg", "块", "1kg/块", 16800, 5, 450, 4, "tea-black", "金花茂盛，可长期存放。"),
        new("sangzhi", "tea", "桑植白茶 寿眉 200g", "饼", "200g/饼", 12800, 5, 350, 3, "tea-white", "紧压白茶饼，耐泡。"),
        new("sangzhi", "tea", "桑植白茶 白毫银针 100g", "盒", "100g/盒", 26800, 5, 150, 3, "tea-white", "单芽采制，毫香蜜韵。", "HN-2021-0077420"),
        new("fenghuang", "tea", "凤凰单丛 高山绿茶 250g", "盒", "250g/盒", 8600, 10, 400, 3, "tea-green", "凤凰县高山云雾茶园。"),
        new("luxi", "tea", "泸溪玻璃茶 150g", "罐", "150g/罐", 6600, 10, 300, 3, "tea-green", "泸溪本地野生茶树嫩叶。"),
        // 水果 fruit
        new("fenghuang", "fruit", "凤凰猕猴桃 红心 5kg", "箱", "5kg/箱", 8800, 10, 800, 2, "kiwi", "红心猕猴桃，糖度16以上，冷库保鲜。", "HN-2020-0156630"),
        new("fenghuang", "fruit", "凤凰猕猴桃 绿心 10kg 食堂装", "箱", "10kg/箱", 12800, 10, 1000, 2, "kiwi", "绿心米良一号，酸甜适口。"),
        new("fenghuang", "fruit", "凤凰猕猴桃 礼盒 3kg", "盒", "3kg/盒", 6800, 10, 500, 2, "kiwi", "精选大果，礼盒包装。"),
        new("shibadong", "fruit", "十八洞村猕猴桃 5kg", "箱", "5kg/箱", 9800, 10, 600, 2, "kiwi", "十八洞村猕猴桃基地直供。", "HN-2020-0043311"),
        new("luxi", "fruit", "浦市椪柑 10kg", "箱", "10kg/箱", 6800, 10, 1500, 2, "orange", "浦市古镇椪柑，皮薄易剥，化渣。"),
        new("luxi", "fruit", "泸溪椪柑 20kg 食堂装", "箱", "20kg/箱", 11800, 10, 900, 2, "orange", "中果食堂规格，性价比高。"),
        new("luxi", "fruit", "泸溪椪柑 5kg 礼盒", "盒", "5kg/盒", 4500, 10, 700, 2, "orange", "精品大果礼盒。"),
        new("mayang", "fruit", "麻阳冰糖橙 10kg", "箱", "10kg/箱", 7800, 10, 1800, 2, "orange", "麻阳冰糖橙，甜度高、酸度低。", "HN-2019-0288104"),
        new("mayang", "fruit", "麻阳冰糖橙 5kg", "箱", "5kg/箱", 4200, 10, 1200, 2, "orange", "家庭装。"),
        new("mayang", "fruit", "麻阳柑橘 20kg 食堂装", "箱", "20kg/箱", 11000, 10, 800, 2, "orange", "混装大小果，适合食堂。"),
        new("yanling", "fruit", "炎陵黄桃 5kg", "箱", "5kg/箱", 12800, 5, 400, 3, "peach", "炎陵黄桃，果肉金黄，七月上市，冷链配送。", "HN-2020-0201977"),
        new("yanling", "fruit", "炎陵黄桃 精品 3kg", "盒", "3kg/盒", 9800, 5, 300, 3, "peach", "单果250克以上。"),
        new("yanling", "fruit", "炎陵黄桃罐头 12罐", "箱", "425g×12罐", 9600, 10, 900, 3, "peach", "当季鲜桃加工，无添加防腐剂。"),
        new("longshan", "fruit", "龙山高山梨 10kg", "箱", "10kg/箱", 7200, 10, 500, 3, "pear", "高山砂梨，脆甜多汁。"),
        // 蔬菜 vegetables
        new("rucheng", "vegetables", "汝城高山大白菜", "kg", "散装 按公斤计", 240, 200, 30000, 1, "greens", "粤港澳大湾区供港蔬菜基地，当日采收。"),
        new("rucheng", "vegetables", "汝城鲜辣椒", "kg", "散装 按公斤计", 980, 50, 8000, 1, "pepper", "本地线椒，香辣适中。"),
        new("rucheng", "vegetables", "汝城白萝卜", "kg", "散装 按公斤计", 180, 200, 20000, 1, "radish", "高山萝卜，清甜脆嫩。"),
        new("rucheng", "vegetables", "汝城生菜", "kg", "散装 按公斤计", 460, 100, 6000, 1, "greens", "露地生菜，冷链配送。"),
        new("rucheng", "vegetables", "汝城土豆", "kg", "散装 按公斤计", 320, 200, 25000, 2, "potato", "黄心土豆，耐储存。"),
        new("rucheng", "vegetables", "汝城红薯 10kg", "箱", "10kg/箱", 4200, 10, 1200, 2, "sweet-potato", "沙地红薯，香甜软糯。"),
        new("longshan", "vegetables", "龙山萝卜 10kg", "箱", "10kg/箱", 3200, 10, 1000, 2, "radish", "龙山萝卜，国家地理标志产品。"),
        new("longshan", "vegetables", "龙山鲜百合 2.5kg", "箱", "2.5kg/箱", 9800, 10, 600, 2, "lily", "龙山百合鲜品，片大肉厚。", "HN-2019-0120088"),
        new("shibadong", "vegetables", "十八洞村高山青菜", "kg", "散装 按公斤计", 380, 100, 5000, 1, "greens", "高山露地种植。"),
        new("chengbu", "vegetables", "城步高山辣椒 5kg", "箱", "5kg/箱", 5500, 10, 400, 2, "pepper", "反季节高山辣椒。"),
        // 肉类 meat
        new("xinhuang", "meat", "新晃黄牛肉 冷鲜 5kg", "箱", "5kg/箱", 45000, 2, 300, 2, "beef", "新晃黄牛，国家地理标志产品，冷链配送。", "HN-2020-0190035"),
        new("xinhuang", "meat", "新晃黄牛肉干 500g", "袋", "500g/袋", 12800, 10, 800, 3, "beef", "传统工艺风干，五香味。"),
        new("xinhuang", "meat", "新晃牛腱子 2kg 冷冻", "袋", "2kg/袋", 19800, 5, 400, 2, "beef", "急冻锁鲜，适合卤制。"),
        new("chengbu", "meat", "城步山羊肉 冷冻 5kg", "箱", "5kg/箱", 49000, 2, 150, 3, "goat", "南山牧场散养山羊。"),
        new("chengbu", "meat", "城步土猪肉 五花 5kg", "箱", "5kg/箱", 24000, 2, 200, 3, "bacon", "粮食喂养土猪，冷鲜配送。"),
        new("shibadong", "meat", "湘西腊肉 1kg", "袋", "1kg/袋", 9800, 10, 700, 3, "bacon", "柴火熏制，肥瘦相间。", "HN-2020-0043312"),
        new("shibadong", "meat", "花垣土猪后腿肉 10kg", "箱", "10kg/箱", 36000, 2, 120, 2, "bacon", "本地土猪，冷鲜分割。"),
        new("longshan", "meat", "龙山土鸡 整只 冷冻", "只", "约1.5kg/只", 8800, 10, 500, 3, "egg", "林下散养一年以上。"),
        // 蜂蜜 honey
        new("sangzhi", "honey", "桑植土蜂蜜 500g", "瓶", "500g/瓶", 6800, 10, 1000, 2, "honey", "中华蜂百花蜜，一年一取。", "HN-2021-0077421"),
        new("sangzhi", "honey", "桑植百花蜜 1kg", "瓶", "1kg/瓶", 9800, 10, 600, 2, "honey", "多花种蜜源，结晶正常。"),
        new("sangzhi", "honey", "桑植蜂蜜 2.5kg 食堂装", "桶", "2.5kg/桶", 19800, 5, 200, 3, "honey", "食堂烘焙用大桶。"),
        new("chengbu", "honey", "城步高山蜂蜜 500g", "瓶", "500g/瓶", 7800, 10, 300, 3, "honey", "南山牧场周边野花蜜。"),
        new("fenghuang", "honey", "凤凰山花蜂蜜 1kg", "瓶", "1kg/瓶", 10800, 10, 300, 3, "honey", "凤凰县山区中蜂蜜。"),
        new("yanling", "honey", "炎陵百花蜜 500g", "瓶", "500g/瓶", 6200, 10, 400, 3, "honey", "罗霄山区百花蜜。", SingleTier: true),
        // 干货 dried goods
        new("longshan", "dried-goods", "龙山百合干 500g", "袋", "500g/袋", 6800, 10, 1200, 3, "lily", "龙山百合晒干，煲汤煮粥皆宜。"),
        new("longshan", "dried-goods", "龙山百合干 2.5kg 食堂装", "袋", "2.5kg/袋", 29800, 5, 300, 3, "lily", "食堂大包装。"),
        new("longshan", "dried-goods", "龙山萝卜干 1kg", "袋", "1kg/袋", 2800, 20, 900, 3, "radish", "农家晒制，香辣脆爽。"),
        new("pingjiang", "dried-goods", "平江酱干 香辣 1kg", "袋", "1kg/袋", 3800, 20, 2000, 2, "tofu", "平江传统酱干，卤香入味。", "HN-2019-0301234"),
        new("pingjiang", "dried-goods", "平江酱干 原味 5kg 食堂装", "箱", "5kg/箱", 16800, 5, 600, 2, "tofu", "食堂规格，可做凉拌、小炒。"),
        new("pingjiang", "dried-goods", "平江豆腐乳 6瓶", "箱", "300g×6瓶", 4800, 10, 800, 2, "tofu", "手工霉豆腐，香辣型。"),
        new("baojing", "dried-goods", "保靖香菇干 500g", "袋", "500g/袋", 5800, 10, 700, 3, "mushroom", "椴木香菇，肉厚香浓。"),
        new("xupu", "dried-goods", "溆浦红薯粉条 2.5kg", "袋", "2.5kg/袋", 3600, 20, 1000, 3, "noodles", "纯红薯淀粉，无明矾。"),
        new("fenghuang", "dried-goods", "凤凰板栗 2.5kg", "袋", "2.5kg/袋", 4800, 10, 600, 3, "nuts", "山地板栗，粉糯香甜。"),
        new("chengbu", "dried-goods", "城步干豆角 1kg", "袋", "1kg/袋", 3200, 20, 500, 3, "beans", "农家晒干豆角，炖肉佳品。"),
    ];

    public static readonly OrganisationSeed[] Organisations =
    [
        new("agency", "长沙市芙蓉区机关事务服务中心", OrganisationType.Agency, "430102", "长沙市芙蓉区人民政府", 200000, "区政府机关食堂"),
        new("agency2", "长沙市岳麓区人民政府办公室", OrganisationType.Agency, "430104", "长沙市岳麓区人民政府", 500000, "区政府食堂"),
        new("agency3", "湘潭市雨湖区机关事务管理局", OrganisationType.Agency, "430302", "湘潭市雨湖区人民政府", 500000, "机关食堂"),
        new("agency4", "常德市武陵区机关事务服务中心", OrganisationType.Agency, "430702", "常德市武陵区人民政府", 500000, "机关食堂"),
        new("agency5", "吉首市机关事务服务中心", OrganisationType.Agency, "433101", "吉首市人民政府", 300000, "市直机关食堂"),
        new("school", "长沙市岳麓区实验中学", OrganisationType.School, "430104", "长沙市岳麓区教育局", 100000, "学生食堂"),
        new("school2", "长沙市开福区第一小学", OrganisationType.School, "430105", "长沙市开福区教育局", 300000, "学生食堂"),
        new("school3", "株洲市芦淞区第二中学", OrganisationType.School, "430203", "株洲市芦淞区教育局", 300000, "学生食堂"),
        new("school4", "衡阳市石鼓区职业中专学校", OrganisationType.School, "430407", "衡阳市石鼓区教育局", 300000, "学生食堂"),
        new("school5", "岳阳市岳阳楼区实验学校", OrganisationType.School, "430602", "岳阳市岳阳楼区教育局", 300000, "学生食堂"),
        new("hospital", "长沙市天心区人民医院", OrganisationType.Hospital, "430103", "长沙市天心区卫生健康局", 500000, "职工食堂"),
        new("hospital2", "湘潭市岳塘区中医医院", OrganisationType.Hospital, "430304", "湘潭市岳塘区卫生健康局", 500000, "职工食堂"),
        new("hospital3", "常德市鼎城区人民医院", OrganisationType.Hospital, "430703", "常德市鼎城区卫生健康局", 500000, "职工食堂"),
        new("hospital4", "怀化市鹤城区妇幼保健院", OrganisationType.Hospital, "431202", "怀化市鹤城区卫生健康局", 300000, "职工食堂"),
        new("hospital5", "邵阳市大祥区人民医院", OrganisationType.Hospital, "430503", "邵阳市大祥区卫生健康局", 500000, "职工食堂"),
        new("soe", "湖南湘江新区发展集团有限公司", OrganisationType.StateEnterprise, "430104", "湖南湘江新区管理委员会", 1000000, "员工餐厅"),
    ];
}
