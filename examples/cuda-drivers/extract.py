print("extracting features")
