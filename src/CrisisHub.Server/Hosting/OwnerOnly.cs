namespace CrisisHub.Server.Hosting;

/// <summary>
/// The data folder holds children's health data: it is the server account's alone (0700), and so are the files it
/// creates there that hold data (0600). On Windows the folder's ACL is the operator's to set.
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, Folder);
        // An existing folder (an older version made it 0755) is narrowed too.
        System.IO.File.SetUnixFileMode(path, Folder);
    }

    /// <summary>
    /// Writes a new secret (a key made on first start) into <c>secrets/</c> of the data folder: the folder and its parent
    /// 0700, the file 0600 from its first byte, and never over a file already there.
    /// </summary>
    public static void CreateSecretFile(string file, string contents)
    {
        var folder = Path.GetDirectoryName(file)!;
        CreateFolder(Path.GetDirectoryName(folder)!);
        CreateFolder(folder);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = File;
        using var writer = new StreamWriter(file, System.Text.Encoding.ASCII, options);
        writer.Write(contents);
    }

    public static void RestrictFile(string path)
    {
        if (!OperatingSystem.IsWindows() && System.IO.File.Exists(path)) System.IO.File.SetUnixFileMode(path, File);
    }
}
