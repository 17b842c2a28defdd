using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Sms;
using CrisisHub.Grains.Network;

namespace CrisisHub.Grains.Sms;

/// <summary>
/// The words of every text. No name, sign, note or diagnosis ever: case code, grade, school, what to do and
/// the reply code. The zh-CN alert fits one UCS-2 segment (70 characters) without a link. A guardian's text ends with
/// the district's parent hotlines (<see cref="TextHotlines"/>) and stays within two segments.
/// </summary>
public sealed class SmsTemplates(SmsOptions options)
{
    private static readonly Dictionary<string, string> Defaults = new()
    {
        ["zh-CN.Alert"] = "【CrisisHub】{grade}预警 {case}，{school}。请立即处理，回复 1 {code} 确认。{link}",
        ["en.Alert"] = "CrisisHub: {grade} alert {case}, {school}. Please act now. Reply 1 {code} to acknowledge. {link}",
        ["zh-CN.Family"] = "【CrisisHub】{school}提醒：请尽快与班主任联系（{case}）。收到请回复 1 {code}。{hotlines}",
        ["en.Family"] = "CrisisHub: {school} asks you to contact the head teacher now ({case}). Reply 1 {code} to confirm. {hotlines}",
        ["zh-CN.ReferralOverdue"] = "【CrisisHub】转介超时 {case}，{school}：{grade}个案的绿色通道时限已过，请立即跟进。{link}",
        ["en.ReferralOverdue"] = "CrisisHub: referral overdue {case}, {school}: a {grade} green-channel deadline has passed. Please follow up now. {link}",
        ["zh-CN.BreakGlass"] = "【CrisisHub】紧急访问 {case}，{school}：有人以紧急权限打开了{grade}个案，请复核。{link}",
        ["en.BreakGlass"] = "CrisisHub: emergency access to {grade} case {case}, {school}. Please review it. {link}",
        // Police hear of a missing student only: case code, where and when last seen, whom at the school to call.
        ["zh-CN.MissingPolice"] = "【CrisisHub】学生失联 {case}，{school}。最后出现：{lastSeenAt}，{place}。学校联系电话 {contact}。",
        ["en.MissingPolice"] = "CrisisHub: missing student {case}, {school}. Last seen {lastSeenAt} at {place}. School contact: {contact}.",
        ["zh-CN.Found"] = "【CrisisHub】失联学生已找到（{case}，{school}），失联预警停止，个案继续跟进。",
        ["en.Found"] = "CrisisHub: the missing student of {case}, {school}, has been found. The missing alert has stopped; follow-up continues.",
        ["zh-CN.Acknowledged"] = "已确认预警 {case}，谢谢。",
        ["en.Acknowledged"] = "Alert {case} acknowledged. Thank you.",
        ["zh-CN.AlreadyAcknowledged"] = "预警 {case} 已由{name}确认。",
        ["en.AlreadyAcknowledged"] = "Alert {case} was already acknowledged by {name}.",
        ["zh-CN.Confirmed"] = "已收到您的确认（{case}），谢谢。",
        ["en.Confirmed"] = "Thank you, your confirmation ({case}) is recorded.",
        ["zh-CN.Closed"] = "预警 {case} 已结束。",
        ["en.Closed"] = "Alert {case} is already closed.",
        ["zh-CN.Help"] = "请回复 1 加短信中的四位确认码，例如：1 4821",
        ["en.Help"] = "Reply 1 and the four-digit code from the alert, e.g. 1 4821",
    };

    private static readonly Dictionary<CrisisGrade, string> ChineseGrades = new()
    {
        [CrisisGrade.Watch] = "关注", [CrisisGrade.General] = "一般", [CrisisGrade.Severe] = "严重", [CrisisGrade.Major] = "重大",
    };

    public string Render(string language, string kind, IReadOnlyDictionary<string, string> values)
    {
        var lang = language == "en" ? "en" : "zh-CN";
        var key = $"{lang}.{kind}";
        var text = options.Templates.GetValueOrDefault(key) ?? Defaults[key];
        foreach (var (name, value) in values) text = text.Replace($"{{{name}}}", value, StringComparison.Ordinal);
        return text.Trim();
    }

    public string AlertBody(SmsRequest request, string code)
    {
        var english = request.Recipient.Language == "en";
        // Mainland carriers filter texts with links; guardians have no account to follow one anyway.
        var link = options.PublicBaseUrl is { Length: > 0 } baseUrl && request.Recipient.AccountId is not null
            && !PhoneNumberRules.IsMainlandChina(request.Recipient.Phone)
            ? $"{baseUrl.TrimEnd('/')}/case.html?id={request.CaseId}" : "";
        var kind = request.Purpose switch
        {
            SmsPurpose.ReferralOverdue => "ReferralOverdue",
            SmsPurpose.BreakGlass => "BreakGlass",
            SmsPurpose.MissingPolice => "MissingPolice",
            SmsPurpose.MissingFound => "Found",
            _ => request.Recipient.Role == ResponderRole.Guardian ? "Family" : "Alert",
        };
        var missing = request.Missing;
        var body = Render(request.Recipient.Language, kind, new Dictionary<string, string>
        {
            ["grade"] = english ? request.Grade.ToString() : ChineseGrades[request.Grade],
            ["case"] = request.CaseId,
            ["school"] = request.SchoolName,
            ["code"] = code,
            ["link"] = link,
            // School time (UTC+8), as the reporter gave it: police read it against the school's own clock.
            ["lastSeenAt"] = missing is null ? "" : missing.LastSeenAt.ToOffset(SchoolTime.Offset).ToString(english ? "yyyy-MM-dd HH:mm '(UTC+8)'" : "M月d日 HH:mm"),
            ["place"] = missing?.LastSeenPlace ?? "",
            ["contact"] = missing?.SchoolContactPhone ?? "",
        });
        return TextHotlines.Fill(body, kind == "Family" ? request.Hotlines : null, english ? "en" : "zh-CN");
    }
}
