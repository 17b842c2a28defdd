using CrisisHub.Contracts.Wallboard;
using CrisisHub.Testing;

namespace CrisisHub.Grains.Tests;

/// <summary>The test cluster's in-memory boards keep the same promises as the stores in production.</summary>
public sealed class InMemoryAlertBoardTests : AlertBoardContract
{
    private readonly InMemoryAlertBoard _board = new();

    protected override IAlertBoard Board => _board;

    /// <summary>Memory has no second handle: the same instance is what every silo of the test cluster shares.</summary>
    protected override IAlertBoard Reopen() => _board;
}
