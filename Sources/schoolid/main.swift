print("schoolid")
