namespace CrisisHub.Server.Seed;

/// <summary>Plausible, made-up Chinese names for demo students and staff, from a seeded generator.</summary>
internal sealed class ChineseNames(int seed)
{
    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹";
    private const string GivenNameCharacters = "子涵浩宇欣怡梓轩雨泽思佳一诺俊杰晨阳嘉琪文博雅婷明辉天佑可馨若曦晓东家乐书瑶宏伟";
    private readonly Random _random = new(seed);

    public string Next()
    {
        var surname = Surnames[_random.Next(Surnames.Length)];
        var length = _random.Next(1, 3);
        var given = new char[length];
        for (var i = 0; i < length; i++) given[i] = GivenNameCharacters[_random.Next(GivenNameCharacters.Length)];
        return surname + new string(given);
    }

    public string SurnameOf(string name) => name[..1];
}
