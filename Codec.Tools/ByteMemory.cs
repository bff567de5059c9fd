using System.Buffers;
using System.Runtime.InteropServices;

namespace RegionCodec.Tools;

/// <summary>
/// The bytes of a <see cref="Memory{T}"/> of packed pixels as a <see cref="Memory{T}"/> of bytes, without a copy: lets an
/// encode read an ImageSharp image's own buffer (the codec takes spans of bytes).
/// </summary>
internal sealed class ByteMemory<T> : MemoryManager<byte>
    where T : unmanaged
{
    private readonly Memory<T> _pixels;

    public ByteMemory(Memory<T> pixels) => _pixels = pixels;

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(_pixels.Span);

    // Only spans are taken from it; pinning an image's buffer for native code is not something rsgconv does.
    public override MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException("pixel memory is not pinned");

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
