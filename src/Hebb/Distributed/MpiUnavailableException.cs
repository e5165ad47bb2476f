namespace Hebb.Distributed;

/// <summary>Open MPI's library (libmpi.so.40) could not be loaded, or lacks a function Hebb calls.</summary>
public sealed class MpiUnavailableException(string message) : Exception(message);
