// Each collection runs its own server and Chromium; on a two-core machine running them side by side only
// makes the live-update timeouts race each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
