using CrisisHub.Contracts.Audit;
using CrisisHub.Testing;

namespace CrisisHub.Grains.Tests;

/// <summary>The test cluster's in-memory log keeps the same promises as the stores in production.</summary>
public sealed class InMemoryAuditLogTests : AuditLogContract
{
    private readonly InMemoryAuditLog _log = new();

    protected override IAuditLog Log => _log;

    /// <summary>Memory has no second handle: the same instance is what every silo of the test cluster shares.</summary>
    protected override IAuditLog Reopen() => _log;
}
