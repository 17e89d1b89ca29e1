/* icacls.exe for the Wine test prefix only: Wine's own icacls does nothing and says nothing,
 * so packaging/test-msi.sh puts this one in its place. It appends its command line to
 * C:\icacls-calls.txt and succeeds, and the test reads back exactly which ACL changes the MSI's
 * custom actions and the station itself asked for (Windows applies them; Wine cannot). */
#include <stdio.h>
#include <windows.h>

int main(void)
{
    FILE *log = fopen("C:\\icacls-calls.txt", "a");
    if (log == NULL)
        return 1;
    fprintf(log, "%s\n", GetCommandLineA());
    fclose(log);
    return 0;
}
