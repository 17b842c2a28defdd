using CrisisHub.Contracts.Screening;
using CrisisHub.Grains.Screening;

namespace CrisisHub.Grains.Tests;

/// <summary>The shipped instruments' rules as a table: answers in, outcome and total out (issue 18's defaults).</summary>
public sealed class ScreeningRulesTests
{
    private static InstrumentDefinition Instrument(string id) => InstrumentCatalog.Defaults.Single(i => i.InstrumentId == id);

    /// <summary>A row of <paramref name="count"/> answers all <paramref name="each"/>, with some items set: "9=1,3=2".</summary>
    private static int?[] Answers(int count, int each, string set = "")
    {
        var items = Enumerable.Repeat<int?>(each, count).ToArray();
        foreach (var pair in set.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=');
            items[int.Parse(parts[0]) - 1] = int.Parse(parts[1]);
        }

        return items;
    }

    [Fact]
    public void PhqNineGadSevenAndUpiShipAsValidDefinitions()
    {
        InstrumentCatalog.Defaults.Select(i => i.InstrumentId).ShouldBe(["gad-7", "phq-9", "upi"]);
        InstrumentCatalog.Defaults.ShouldAllBe(i => i.Problems().Count == 0);
        Instrument("upi").ItemCount.ShouldBe(60);
    }

    [Theory]
    // PHQ-9: item 9 endorsed is Severe whatever the total; 20+ General; 10-19 Watch; below nothing.
    [InlineData("phq-9", 0, "9=1", 1, ScreeningOutcome.Severe)]
    [InlineData("phq-9", 0, "9=3", 3, ScreeningOutcome.Severe)]
    [InlineData("phq-9", 3, "9=0", 24, ScreeningOutcome.General)]
    [InlineData("phq-9", 2, "9=0,1=3,2=3,3=3,4=3", 20, ScreeningOutcome.General)]
    [InlineData("phq-9", 2, "9=0,1=3", 17, ScreeningOutcome.Watch)]
    [InlineData("phq-9", 1, "9=0,1=2", 9, ScreeningOutcome.None)]
    [InlineData("phq-9", 1, "9=0,1=3", 10, ScreeningOutcome.Watch)]
    [InlineData("phq-9", 0, "", 0, ScreeningOutcome.None)]
    // GAD-7: 15+ General, 10-14 Watch.
    [InlineData("gad-7", 3, "", 21, ScreeningOutcome.General)]
    [InlineData("gad-7", 2, "1=3", 15, ScreeningOutcome.General)]
    [InlineData("gad-7", 2, "", 14, ScreeningOutcome.Watch)]
    [InlineData("gad-7", 1, "1=3,2=2", 10, ScreeningOutcome.Watch)]
    [InlineData("gad-7", 1, "", 7, ScreeningOutcome.None)]
    // UPI: item 25 endorsed is Severe; 25+ General; 20-24 Watch.
    [InlineData("upi", 0, "25=1", 1, ScreeningOutcome.Severe)]
    [InlineData("upi", 1, "", 60, ScreeningOutcome.Severe)]
    [InlineData("upi", 0, "1=1,2=1,3=1,4=1,5=1,6=1,7=1,8=1,9=1,10=1,11=1,12=1,13=1,14=1,15=1,16=1,17=1,18=1,19=1,20=1,21=1,22=1,23=1,24=1,26=1", 25,
        ScreeningOutcome.General)]
    [InlineData("upi", 0, "1=1,2=1,3=1,4=1,5=1,6=1,7=1,8=1,9=1,10=1,11=1,12=1,13=1,14=1,15=1,16=1,17=1,18=1,19=1,20=1", 20, ScreeningOutcome.Watch)]
    [InlineData("upi", 0, "1=1,2=1,3=1", 3, ScreeningOutcome.None)]
    public void EachInstrumentsRulesDecideTheOutcome(string instrument, int each, string set, int total, ScreeningOutcome outcome)
    {
        var definition = Instrument(instrument);

        var score = ScreeningScorer.Score(definition, Answers(definition.ItemCount, each, set));

        score.IsValid.ShouldBeTrue(string.Join("; ", score.Errors));
        score.Total.ShouldBe(total);
        score.Outcome.ShouldBe(outcome);
        (score.Rule is null).ShouldBe(outcome == ScreeningOutcome.None);
    }

    [Fact]
    public void AMissingItemAnItemOutOfRangeAndAShortRowAreNamedNotScored()
    {
        var phq = Instrument("phq-9");
        var row = Answers(9, 1);
        row[2] = null;
        row[8] = 4;

        var score = ScreeningScorer.Score(phq, row);
        score.IsValid.ShouldBeFalse();
        score.Errors.ShouldBe(["item 3 is missing", "item 9 is 4; PHQ-9 items score 0 to 3"]);
        score.Outcome.ShouldBe(ScreeningOutcome.None, "an invalid row raises nothing");

        ScreeningScorer.Score(phq, Answers(8, 1)).Errors.ShouldContain("PHQ-9 has 9 items; the row has 8");
    }

    [Fact]
    public void ADistrictsOwnDefinitionIsCheckedBeforeUse()
    {
        var own = InstrumentCatalog.Parse("""
            {"instrumentId":"scl-90","name":"SCL-90","itemCount":90,"itemMin":1,"itemMax":5,
             "rules":[{"outcome":"General","item":null,"atLeast":161,"description":"Total above 160"}]}
            """);
        ScreeningScorer.Score(own, Answers(90, 2)).Outcome.ShouldBe(ScreeningOutcome.General);
        ScreeningScorer.Score(own, Answers(90, 1)).Outcome.ShouldBe(ScreeningOutcome.None);

        var wrong = Should.Throw<InvalidDataException>(() => InstrumentCatalog.Parse("""
            {"instrumentId":"bad id","name":"X","itemCount":5,"itemMin":0,"itemMax":3,
             "rules":[{"outcome":"Severe","item":7,"atLeast":1,"description":""},{"outcome":"Watch","item":null,"atLeast":99,"description":""}]}
            """));
        wrong.Message.ShouldContain("instrumentId");
        wrong.Message.ShouldContain("rules[0].item");
        wrong.Message.ShouldContain("rules[1].atLeast");
        Should.Throw<System.Text.Json.JsonException>(() => InstrumentCatalog.Parse("""
            {"instrumentId":"x","name":"X","itemCount":5,"itemMin":0,"itemMax":3,"rules":[{"outcome":"Urgent","item":null,"atLeast":1,"description":""}]}
            """));
    }
}
