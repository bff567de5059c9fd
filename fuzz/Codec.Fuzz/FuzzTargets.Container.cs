using RegionCodec.Container;
using RegionCodec.Decoding;

namespace RegionCodec.Fuzz;

// The container target: signature, chunk framing, CRCs, chunk order, RHDR and RTAB.
public static partial class FuzzTargets
{
    /// <summary>The container layer alone: signature, chunk framing, CRCs, chunk order, RHDR and RTAB.</summary>
    public static void Container(byte[] input)
    {
        ContainerOnce(input);
        if (CrcRepair.Repair(input) is byte[] repaired)
        {
            ContainerOnce(repaired);
        }
    }

    private static void ContainerOnce(byte[] input)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            ContainerIndex index = ContainerIndex.Read(input, Options);
            FrameHeader h = index.Header;
            Require(index.Strips.Length == h.StripCount, "strip table size differs from the header's strip count");
            long end = 8;
            foreach (StripChunk strip in index.Strips)
            {
                long start = strip.PayloadOffset;
                int length = strip.PayloadLength;
                Require(start >= end && length >= 0 && start + length <= input.Length, "strip payload outside the file or overlapping");
                end = start + length;
            }
        }
        catch (RsgFormatException)
        {
        }

        // The container layer allocates nothing proportional to the declared image.
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Require(allocated <= (4L * input.Length) + (1 << 20), $"container parse allocated {allocated} bytes for {input.Length} input bytes");
    }
}
