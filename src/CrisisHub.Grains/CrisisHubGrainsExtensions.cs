using CrisisHub.Grains.Deadlines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;

namespace CrisisHub.Grains;

public static class CrisisHubGrainsExtensions
{
    /// <summary>
    /// What the grains need from any silo that hosts them, whatever the storage: the deadline sweep, the board repair and
    /// the daily audit anchor's schedule. The host must also register an <see cref="Notifications.IAlertNotifier"/>, a
    /// reminder service, an <see cref="Contracts.Audit.IAuditLog"/> (beside its grain storage), the
    /// <see cref="Audit.AnchorKeyRing"/> (from outside the database) and the storage providers named in <see cref="StorageNames"/>.
    /// </summary>
    public static ISiloBuilder AddCrisisHubGrains(this ISiloBuilder silo)
    {
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<Telemetry.CrisisHubMetrics>();
        silo.Services.AddSingleton<OverdueDeadlineSweep>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<OverdueDeadlineSweep>());
        silo.Services.AddSingleton<Wallboard.BoardRepairSweep>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<Wallboard.BoardRepairSweep>());
        silo.Services.AddSingleton<DailyJobsSchedule>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DailyJobsSchedule>());
        return silo;
    }
}
