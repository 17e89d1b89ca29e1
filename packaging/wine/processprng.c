/* bcryptprimitives.dll for the Wine test prefix only (never in the MSI): Wine 8.0 lacks the
 * ProcessPrng export every Rust >= 1.78 Windows program imports (real Windows 10+ has it), and
 * such a program exits at load with code 53. This fills the buffer from RtlGenRandom
 * (advapi32's SystemFunction036), at most 1 GiB per call. Built by packaging/test-msi.sh. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
