import sys

print("job arguments:", sys.argv[1:])
