/* Functions with no bounds or hidden state: using one is a compile error.
 * Included last by every libqcity and qcity source file. */
#ifndef QCITY_BANNED_H
#define QCITY_BANNED_H

#define QC_BANNED(f) sorry_##f##_is_banned_in_qcity

#undef strcpy
#define strcpy(a, b) QC_BANNED(strcpy)
#undef strcat
#define strcat(a, b) QC_BANNED(strcat)
#undef sprintf
#define sprintf(...) QC_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) QC_BANNED(vsprintf)
#undef strtok
#define strtok(a, b) QC_BANNED(strtok)
#undef gets
#define gets(a) QC_BANNED(gets)

#endif
