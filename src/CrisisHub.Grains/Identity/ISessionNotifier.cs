namespace CrisisHub.Grains.Identity;

/// <summary>
/// The port through which the account grain says that an account's sessions have ended (the host closes its
/// live connections). Best effort: the security stamp in the grain is the source of truth, checked on every request.
/// </summary>
public interface ISessionNotifier
{
    Task SessionsEndedAsync(string userName);
}
