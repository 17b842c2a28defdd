using CrisisHub.Grains.Sms;

namespace CrisisHub.Grains.Tests;

public sealed class ReplyParserTests
{
    [Theory]
    [InlineData("1 4821", "4821")]
    [InlineData("4821", "4821")]
    [InlineData("OK 4821", "4821")]
    [InlineData("ok4821", "4821")]
    [InlineData("收到 4821", "4821")]
    [InlineData("收到４８２１", "4821")]
    [InlineData(" 1,4821。", "4821")]
    [InlineData("14821", "4821")]
    public void ReadsACodeHoweverItIsTyped(string body, string code) =>
        ReplyParser.Parse(body).ShouldBe((ReplyParser.Meaning.Code, code));

    [Theory]
    [InlineData("1")]
    [InlineData("收到")]
    [InlineData("OK")]
    public void ABareReplyMeansTheLatestAlert(string body) => ReplyParser.Parse(body).Meaning.ShouldBe(ReplyParser.Meaning.Latest);

    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData("退订")]
    [InlineData("TD")]
    public void StopWordsUnsubscribe(string body) => ReplyParser.Parse(body).Meaning.ShouldBe(ReplyParser.Meaning.Stop);

    [Theory]
    [InlineData("START")]
    [InlineData("unstop")]
    public void StartWordsSubscribeAgain(string body) => ReplyParser.Parse(body).Meaning.ShouldBe(ReplyParser.Meaning.Start);

    [Theory]
    [InlineData("who is this?")]
    [InlineData("123456")]
    [InlineData("")]
    public void AnythingElseIsNotUnderstood(string body) => ReplyParser.Parse(body).Meaning.ShouldBe(ReplyParser.Meaning.Unknown);
}
