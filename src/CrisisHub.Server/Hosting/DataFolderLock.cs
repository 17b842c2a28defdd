namespace CrisisHub.Server.Hosting;

/// <summary>
/// An exclusive OS lock on <c>&lt;data folder&gt;/.lock</c>, held while the server runs. Two silos over one
/// SQLite file would each fire every deadline, so a second server over the same folder must not start. The
/// operating system drops the lock when the process ends, even by SIGKILL, so a crash never leaves the
/// folder locked; the file itself stays and means nothing on its own.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    public const string FileName = ".lock";

    private readonly FileStream _file;

    private DataFolderLock(FileStream file) => _file = file;

    /// <summary>Takes the lock, or throws naming the folder when another server holds it.</summary>
    public static DataFolderLock Acquire(string dataFolder)
    {
        OwnerOnly.CreateFolder(dataFolder);
        var path = Path.Combine(dataFolder, FileName);
        try
        {
            // FileShare.None is an flock on Unix and a share-mode lock on Windows: either way exclusive across processes.
            return new DataFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException exception)
        {
            throw new StartupFailure(StartupFailure.DataFolderInUse,
                $"The data folder {dataFolder} is in use by another CrisisHub server (it holds {path}). " +
                "Stop that server, or give this one its own CrisisHub:DataFolder.", exception);
        }
    }

    public void Dispose() => _file.Dispose();
}
