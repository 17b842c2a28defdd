using PhoneNumbers;

namespace CrisisHub.Grains.Network;

/// <summary>
/// Every phone number enters CrisisHub through here: parsed with libphonenumber (a number without a
/// country code is taken as mainland Chinese), checked, and stored in E.164.
/// </summary>
public static class PhoneNumberRules
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    public const string DefaultRegion = "CN";

    public static bool TryNormalize(string? input, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32) return false;
        try
        {
            var number = Util.Parse(input, DefaultRegion);
            if (!Util.IsValidNumber(number)) return false;
            e164 = Util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>Mainland carriers filter texts with links, so +86 numbers get none.</summary>
    public static bool IsMainlandChina(string e164) => e164.StartsWith("+86", StringComparison.Ordinal);
}
