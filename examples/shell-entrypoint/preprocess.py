import sys

print("preprocessing", sys.argv[1:])
