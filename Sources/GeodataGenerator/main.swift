print("landkit-geodata: not written yet")
