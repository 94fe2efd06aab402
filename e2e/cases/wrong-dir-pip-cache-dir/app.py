import attrs
import six

print("six", six.__version__, "from", six.__file__)
print("attrs", attrs.__version__, "from", attrs.__file__)
