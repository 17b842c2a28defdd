namespace CrisisHub.Server.Identity;

public static class AuthSchemes
{
    /// <summary>Picks the bearer handler when a token is presented, the cookie otherwise.</summary>
    public const string Smart = "crisishub";
    public const string Cookie = "crisishub-cookie";
    public const string Bearer = "crisishub-bearer";
}
