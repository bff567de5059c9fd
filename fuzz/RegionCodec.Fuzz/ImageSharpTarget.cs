namespace RegionCodec.Fuzz;

/// <summary>
/// ImageSharp's <c>Image.Load</c> of arbitrary bytes through the .rsg plugin. The plugin
/// (Codec.ImageSharp) is not part of this build yet, so the target reports itself unavailable.
/// </summary>
internal static class ImageSharpTarget
{
    public static bool Available => false;

    public static void Load(byte[] input) => throw new NotSupportedException("Codec.ImageSharp is not referenced");
}
