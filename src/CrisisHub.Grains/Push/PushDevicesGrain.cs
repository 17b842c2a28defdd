using CrisisHub.Contracts.Push;

namespace CrisisHub.Grains.Push;

[GenerateSerializer, Alias("CrisisHub.PushDevicesState")]
public sealed class PushDevicesState
{
    [Id(0)] public List<PushDevice> Devices { get; set; } = [];
}

/// <summary>An account's Web Push devices (at most <see cref="PushRules.MaxDevices"/>, so the whole list is one small write). Calls only the roster.</summary>
public sealed class PushDevicesGrain(
    [PersistentState("push-devices", StorageNames.Identity)] IPersistentState<PushDevicesState> state) : Grain, IPushDevicesGrain
{
    private List<PushDevice> Devices => state.State.Devices;

    /// <summary>Written after the devices: a roster that says "has devices" for a while too long costs one empty lookup.</summary>
    private Task TellRosterAsync() =>
        GrainFactory.GetGrain<IPushRosterGrain>(IPushRosterGrain.Key).SetAsync(this.GetPrimaryKeyString(), Devices.Count > 0);

    public Task<PushDevice[]> ListAsync() => Task.FromResult(Devices.ToArray());

    public async Task AddAsync(PushDevice device)
    {
        if (PushRules.Problem(device.Endpoint, device.P256dh, device.Auth, device.Label) is { } problem)
            throw DomainRuleException.Invalid(problem.Field, problem.Message);
        Devices.RemoveAll(d => d.Endpoint == device.Endpoint);
        Devices.Add(device);
        if (Devices.Count > PushRules.MaxDevices) Devices.RemoveRange(0, Devices.Count - PushRules.MaxDevices);
        await state.WriteStateAsync();
        await TellRosterAsync();
    }

    public async Task<bool> RemoveAsync(string endpoint)
    {
        if (Devices.RemoveAll(d => d.Endpoint == endpoint) == 0) return false;
        await state.WriteStateAsync();
        await TellRosterAsync();
        return true;
    }

    public async Task<int> RevokeAllAsync()
    {
        var count = Devices.Count;
        if (count == 0) return 0;
        Devices.Clear();
        await state.WriteStateAsync();
        await TellRosterAsync();
        return count;
    }
}

[GenerateSerializer, Alias("CrisisHub.PushEndpointState")]
public sealed class PushEndpointState
{
    [Id(0)] public string? UserName { get; set; }
}

public sealed class PushEndpointGrain(
    [PersistentState("push-endpoint", StorageNames.Identity)] IPersistentState<PushEndpointState> state) : Grain, IPushEndpointGrain
{
    public async Task<string?> ClaimAsync(string userName)
    {
        var before = state.State.UserName;
        if (before == userName) return null;
        state.State.UserName = userName;
        await state.WriteStateAsync();
        return before;
    }
}

[GenerateSerializer, Alias("CrisisHub.PushRosterState")]
public sealed class PushRosterState
{
    [Id(0)] public HashSet<string> UserNames { get; set; } = [];
}

/// <summary>The people with devices. A set of user names, written only when someone's first device comes or last goes. Calls no grain.</summary>
public sealed class PushRosterGrain(
    [PersistentState("push-roster", StorageNames.Identity)] IPersistentState<PushRosterState> state) : Grain, IPushRosterGrain
{
    public Task<string[]> WithDevicesAsync() => Task.FromResult(state.State.UserNames.ToArray());

    public async Task SetAsync(string userName, bool hasDevices)
    {
        if (hasDevices ? !state.State.UserNames.Add(userName) : !state.State.UserNames.Remove(userName)) return;
        await state.WriteStateAsync();
    }
}
