namespace CrisisHub.Grains;

public static class UndoableWrite
{
    /// <summary>
    /// Changes the state and stores it; a failed write undoes the change, so memory never holds (or grants) what storage
    /// does not. For a grain whose state is a short list it edits in place.
    /// </summary>
    public static async Task WriteAsync<T>(this IPersistentState<T> state, Action change, Action undo)
    {
        change();
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            throw;
        }
    }
}
