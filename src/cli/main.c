#include <stdio.h>
int main(void) { puts("qcity"); return 0; }
