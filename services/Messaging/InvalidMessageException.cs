namespace Platform.Messaging;

/// <summary>
/// Thrown by a consumer when a message can never be processed (it breaks a rule, not a dependency): it is not
/// retried and goes straight to the error queue.
/// </summary>
public sealed class InvalidMessageException(string message) : Exception(message);
