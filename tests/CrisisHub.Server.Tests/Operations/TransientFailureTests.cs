using System.Collections.Concurrent;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace CrisisHub.Server.Tests.Operations;

/// <summary>
/// Grain calls that fail as they do while a silo dies (the test fails chosen calls once, as an unreachable silo would): a
/// request safe to repeat — a flag, the session check — is repeated with its body and succeeds, once; a request that is not
/// (an action) is never repeated, so nothing is done twice.
/// </summary>
public sealed class TransientFailureTests : IAsyncLifetime
{
    private readonly FailOnce _failures = new();
    private CrisisHubFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new CrisisHubFactory(CrisisHubFactory.NewDataFolder(), CrisisHubFactory.NewClock(),
            services: s => s.AddSingleton<IOutgoingGrainCallFilter>(_failures));
        _ = _factory.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AFlagAndTheSessionCheckAreRepeatedThroughAFailureAndAnActionIsNot()
    {
        var teacher = await ApiClient.SignInAsync(_factory, "ts1-g1-c1-teacher");

        _failures.Arm("IFlagSubmissionGrain", "SubmitAsync");
        _failures.Arm("IUserAccountGrain", "GetSecurityStampAsync");
        var flagged = await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 7), "transient-flag-1", ObservedSign.SelfHarm);
        flagged.StatusCode.ShouldBe(HttpStatusCode.Created, string.Join("\n", _factory.Logs.Events.Where(e => e.Contains("xception")).Take(3)));
        _failures.Fired.ShouldBe(["IUserAccountGrain.GetSecurityStampAsync", "IFlagSubmissionGrain.SubmitAsync"], ignoreOrder: true);
        var caseId = (await flagged.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("caseId").GetString()!;
        (await teacher.GetAsync<CaseView>($"api/cases/{caseId}")).Flags.ShouldHaveSingleItem("the repeated request carried its body and made one flag");
        _factory.Logs.Events.ShouldContain(e => e.Contains("while the cluster changes"));

        _failures.Arm("IStudentCaseGrain", "RecordActionAsync");
        var action = await teacher.PostAsync($"api/cases/{caseId}/actions", new { kind = "TalkedWithStudent", note = "x" });
        action.StatusCode.ShouldBe(HttpStatusCode.InternalServerError, "an action is never repeated: its grain may already have recorded it");
        (await teacher.GetAsync<CaseView>($"api/cases/{caseId}")).Actions.ShouldBeEmpty();
    }

    /// <summary>Fails the next call of each armed interface method once, as a call to a silo that just died fails.</summary>
    private sealed class FailOnce : IOutgoingGrainCallFilter
    {
        private readonly ConcurrentDictionary<string, bool> _armed = new();

        public ConcurrentQueue<string> Fired { get; } = new();

        public void Arm(string grainInterface, string method) => _armed[$"{grainInterface}.{method}"] = true;

        public Task Invoke(IOutgoingGrainCallContext context)
        {
            var name = $"{context.InterfaceName.Split('.', '+').Last()}.{context.MethodName}";
            if (_armed.TryRemove(name, out _))
            {
                Fired.Enqueue(name);
                throw new SiloUnavailableException($"The silo of {name} is unavailable (test)");
            }

            return context.Invoke();
        }
    }
}
