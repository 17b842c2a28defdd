using CrisisHub.Server.Sms;

namespace CrisisHub.Server.Tests;

/// <summary>The signature algorithm against Twilio's published worked example, both ways.</summary>
public sealed class TwilioSignatureTests
{
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string Token = "12345";

    private static Dictionary<string, string> Fields(string phone) => new()
    {
        ["CallSid"] = "CA1234567890ABCDE", ["Caller"] = phone, ["Digits"] = "1234", ["From"] = phone, ["To"] = "+18005551212",
    };

    [Theory]
    [InlineData("+12349013030", "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")]
    [InlineData("+14158675310", "GvWf1cFY/Q7PnoempGyD5oXAezc=")]
    public void ComputesTwiliosPublishedSignatures(string phone, string published)
    {
        TwilioSignature.Compute(Token, Url, Fields(phone)).ShouldBe(published);
        TwilioSignature.IsValid(published, Url, Fields(phone), [Token]).ShouldBeTrue();
    }

    [Fact]
    public void RejectsAnyAlteredFieldUrlOrToken()
    {
        const string published = "GvWf1cFY/Q7PnoempGyD5oXAezc=";
        var altered = Fields("+14158675310");
        altered["Digits"] = "1235";

        TwilioSignature.IsValid(published, Url, altered, [Token]).ShouldBeFalse();
        TwilioSignature.IsValid(published, Url.Replace("bar=2", "bar=3"), Fields("+14158675310"), [Token]).ShouldBeFalse();
        TwilioSignature.IsValid(published, "http://mycompany.com/myapp.php?foo=1&bar=2", Fields("+14158675310"), [Token]).ShouldBeFalse();
        TwilioSignature.IsValid(published, Url, Fields("+14158675310"), ["54321"]).ShouldBeFalse();
        TwilioSignature.IsValid("", Url, Fields("+14158675310"), [Token]).ShouldBeFalse();
    }

    [Fact]
    public void AcceptsTheSecondTokenDuringRotation() =>
        TwilioSignature.IsValid("GvWf1cFY/Q7PnoempGyD5oXAezc=", Url, Fields("+14158675310"), ["new-primary", Token]).ShouldBeTrue();
}
