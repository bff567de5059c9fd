namespace RegionCodec.Segmentation.OpenCv;

/// <summary>
/// A Haar cascade file (faces) is missing: a dependency to install (Debian's opencv-data), not a missing input.
/// A <see cref="FileNotFoundException"/> still, so callers that catch those keep working; tools tell the two apart by type.
/// </summary>
public sealed class CascadeNotFoundException(string message, string path) : FileNotFoundException(message, path);
