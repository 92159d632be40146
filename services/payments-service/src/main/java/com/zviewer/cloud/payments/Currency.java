package com.zviewer.cloud.payments;

/** The currencies payments are made in. */
public enum Currency {

	USD, EUR, GBP, CAD

}
